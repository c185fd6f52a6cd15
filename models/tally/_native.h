/* What the two C files of pbchat's compiled pricing share (models/tally/native.py says why):
 * reading numpy arrays through the buffer protocol, checked, and the constants of the bounds.
 * _pricing.c prices and charges in bounded runs; _vouching.c compares two runs. */
#ifndef PBCHAT_NATIVE_H
#define PBCHAT_NATIVE_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string.h>

static const double EPS = 2.220446049250313080847263336181640625e-16; /* 2**-52 */
#define MOST_SPLITS 64


/* A numpy array's numbers, read through the buffer protocol (no numpy headers needed). */
typedef struct {
    Py_buffer view;
    Py_ssize_t n;
    int held;
} Numbers;

/* kind: 'd' float64, 'i' intp (an index), '?' bool. Flat arrays, or 2-D ones read as their
 * rows one after another (what `n` counts is every number). */
static inline int
numbers(PyObject *object, Numbers *out, char kind, int writable, const char *what)
{
    out->held = 0;
    out->n = 0;
    if (object == Py_None) {
        return 1;
    }
    int flags = PyBUF_C_CONTIGUOUS | PyBUF_FORMAT | (writable ? PyBUF_WRITABLE : 0);
    if (PyObject_GetBuffer(object, &out->view, flags) < 0) {
        return 0;
    }
    out->held = 1;
    const char *format = out->view.format ? out->view.format : "B";
    if (format[0] == '<' || format[0] == '=' || format[0] == '@') {
        format++;
    }
    int ok;
    if (kind == 'i') {
        ok = out->view.itemsize == (Py_ssize_t)sizeof(Py_ssize_t) && format[0] != '\0' &&
             format[1] == '\0' &&
             strchr("lqn", format[0]) != NULL;
    } else if (kind == '?') {
        ok = out->view.itemsize == 1 && strcmp(format, "?") == 0;
    } else {
        ok = out->view.itemsize == (Py_ssize_t)sizeof(double) && strcmp(format, "d") == 0;
    }
    if (!ok || out->view.ndim > 2) {
        PyErr_Format(PyExc_TypeError, "%s: expected an array of %s", what,
                     kind == 'i' ? "intp" : kind == '?' ? "bool" : "float64");
        PyBuffer_Release(&out->view);
        out->held = 0;
        return 0;
    }
    out->n = out->view.len / out->view.itemsize;
    return 1;
}

static inline void
release(Numbers *numbers_)
{
    if (numbers_->held) {
        PyBuffer_Release(&numbers_->view);
        numbers_->held = 0;
    }
}

#define AS_DOUBLES(x) ((double *)(x).view.buf)
#define AS_INDEX(x) ((Py_ssize_t *)(x).view.buf)

/* One supporter's value: `values` at `index[i]`, or at i where there is no index. */
static inline double
at(const double *values, const Py_ssize_t *index, Py_ssize_t i)
{
    return values[index ? index[i] : i];
}

/* Checks an index against the array it reads (a bad one would read outside it). */
static inline int
index_fits(const Numbers *index, Py_ssize_t length, Py_ssize_t n, const char *what)
{
    if (!index->held) {
        if (n > length) {
            PyErr_Format(PyExc_ValueError, "%s: %zd values for %zd supporters", what, length, n);
            return 0;
        }
        return 1;
    }
    const Py_ssize_t *rows = AS_INDEX(*index);
    for (Py_ssize_t i = 0; i < n; i++) {
        if (rows[i] < 0 || rows[i] >= length) {
            PyErr_Format(PyExc_IndexError, "%s: index %zd outside 0..%zd", what, rows[i],
                         length - 1);
            return 0;
        }
    }
    return 1;
}

/* What one pass of `price` adds up over supporters. */

/* Vouching (_vouching.c), in the module's method table (_pricing.c). */
PyObject *vouch_covers(PyObject *self, PyObject *args);
PyObject *vouch_winner_line(PyObject *self, PyObject *args);
PyObject *vouch_lower_bounds(PyObject *self, PyObject *args);

#endif
