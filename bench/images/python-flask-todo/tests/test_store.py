import unittest

from todo_store import TodoStore


class TodoStoreTest(unittest.TestCase):
    def test_add_and_finish(self):
        s = TodoStore()
        self.assertEqual(s.add("a")["id"], 1)
        self.assertTrue(s.finish(1)["done"])
        self.assertIsNone(s.finish(2))


if __name__ == "__main__":
    unittest.main()
