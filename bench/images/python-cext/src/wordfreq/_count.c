/* count_words(text) -> {word: count}: lower-cased runs of ASCII letters. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <ctype.h>

static PyObject *count_words(PyObject *self, PyObject *args) {
  const char *text;
  Py_ssize_t length;
  (void)self;
  if (!PyArg_ParseTuple(args, "s#", &text, &length)) return NULL;
  PyObject *counts = PyDict_New();
  if (counts == NULL) return NULL;
  char *word = PyMem_Malloc((size_t)length + 1);
  if (word == NULL) {
    Py_DECREF(counts);
    return PyErr_NoMemory();
  }
  Py_ssize_t i = 0;
  while (i < length) {
    while (i < length && !isalpha((unsigned char)text[i])) i++;
    Py_ssize_t n = 0;
    while (i < length && isalpha((unsigned char)text[i])) word[n++] = (char)tolower((unsigned char)text[i++]);
    if (n == 0) break;
    PyObject *key = PyUnicode_FromStringAndSize(word, n);
    if (key == NULL) goto fail;
    PyObject *old = PyDict_GetItemWithError(counts, key);
    long value = old == NULL ? 0 : PyLong_AsLong(old);
    PyObject *next = PyLong_FromLong(value + 1);
    int rc = next == NULL ? -1 : PyDict_SetItem(counts, key, next);
    Py_DECREF(key);
    Py_XDECREF(next);
    if (rc < 0) goto fail;
  }
  PyMem_Free(word);
  return counts;
fail:
  PyMem_Free(word);
  Py_DECREF(counts);
  return NULL;
}

static PyMethodDef methods[] = {
    {"count_words", count_words, METH_VARARGS, "Count the words of a text."},
    {NULL, NULL, 0, NULL}};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_count", NULL, -1, methods,
                                    NULL, NULL, NULL, NULL};

PyMODINIT_FUNC PyInit__count(void) { return PyModule_Create(&module); }
