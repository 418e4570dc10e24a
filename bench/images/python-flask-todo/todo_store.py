"""In-memory to-do storage."""
import threading


class TodoStore:
    def __init__(self):
        self._lock = threading.Lock()
        self._todos = []

    def add(self, title):
        with self._lock:
            todo = {"id": len(self._todos) + 1, "title": title, "done": False}
            self._todos.append(todo)
            return dict(todo)

    def finish(self, todo_id):
        with self._lock:
            for todo in self._todos:
                if todo["id"] == todo_id:
                    todo["done"] = True
                    return dict(todo)
        return None

    def all(self):
        with self._lock:
            return [dict(t) for t in self._todos]
