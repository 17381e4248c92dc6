# Declarations for the compiled build of other_ids.py (Cython reads this file; Python never
# does). _code_starts visits every digit run of a text (some 40 per note) to find where a
# long code may open; with offsets and characters typed, that walk is C code. The behaviour
# is Python's (tests/test_compiled.py compares the compiled and pure-Python findings).

import cython

@cython.locals(n=Py_ssize_t, run=Py_ssize_t, run_end=Py_ssize_t, start=Py_ssize_t,
               k=Py_ssize_t, j=Py_ssize_t, span=tuple)
cpdef list _code_starts(str text, list spans)

@cython.locals(c=Py_UCS4)
cpdef bint _prefix_letter(str text, Py_ssize_t i)
