# Declarations for the compiled build of findings.py (Cython reads this file; Python never does).
#
# ``_set`` is CPython's PyObject_GenericSetAttr itself, what ``object.__setattr__`` calls:
# new_finding then fills a frozen Finding's six slots with six C calls instead of six calls
# of the slots' Python-level setters (2% of a scan's instructions before).

cdef extern from "Python.h":
    int _set "PyObject_GenericSetAttr" (object obj, object name, object value) except -1
