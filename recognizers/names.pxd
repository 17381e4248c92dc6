# Declarations for the compiled build of names.py (Cython reads this file; Python never does).
#
# The name rules spend their time in method calls and in reads of the scan's own state
# (self.texts, self.bases, self.score, ...). Declared here, _NameScan becomes an extension
# type: those reads are C struct fields instead of dictionary lookups, and the helper
# methods below are called directly instead of through bound-method objects. Token
# indexes are C integers (Py_ssize_t): list reads and text slices by index are then C
# calls; an index is always a whole number within the text, so the behaviour is Python's
# (tests/test_compiled.py compares the compiled and pure-Python findings). A method
# declared cpdef may not hold a generator expression (Cython cannot compile a closure
# there): name_word and vocabulary use loops. Instructions for 200 notes: -2.8% for the
# attributes, -0.5% for the direct calls, -1.0% for the C indexes.

import cython

cdef class _NameScan:
    cdef public object doc
    cdef public str text  # Doc makes a str subclass (numpy.str_) a plain str
    cdef public list starts, ends, texts, lows
    cdef public Py_ssize_t n
    cdef public frozenset first, last, english, clinical
    cdef public list cases
    cdef public dict score
    cdef public set soft_blocked
    cdef public list bases
    cdef public set blocked

    cpdef object name_word(self, object low)
    cpdef object vocabulary(self, object low)
    cpdef object strong(self, object low, object min_len=*)
    cpdef object joinable(self, Py_ssize_t j)
    @cython.locals(lo=Py_ssize_t, hi=Py_ssize_t)
    cpdef str gap(self, Py_ssize_t i)
    cpdef object mark(self, Py_ssize_t i, object s, object soft_ok=*)
    cpdef object acceptable(self, Py_ssize_t j, object strength, object first, object lenient=*)
    @cython.locals(j=Py_ssize_t, taken=Py_ssize_t)
    cpdef object take_following(self, Py_ssize_t i, object s, object limit, object strength,
                                object lenient=*)
    cpdef object _cues(self, Py_ssize_t i, object low, object nxt_gap)
    @cython.locals(j=Py_ssize_t, taken=Py_ssize_t)
    cpdef object _credential(self, Py_ssize_t i)
    @cython.locals(k=Py_ssize_t)
    cpdef object _dictionary(self, Py_ssize_t i, object low, object nxt_gap)
    cpdef object _mark_span(self, object start, object end, object s, object strength)
    cpdef object _joins(self, Py_ssize_t i, Py_ssize_t j)

# a module function called directly from the rules (no Python call per gap test)
@cython.locals(k=int, shape=object, shapes=dict)
cpdef bint _gap_is(long test, str gap)

# the table-cell scan's walk back over a word: C integers and characters
cpdef bint _cell_char(Py_UCS4 c)
@cython.locals(n=Py_ssize_t, last_end=Py_ssize_t, comma=Py_ssize_t, start=Py_ssize_t)
cpdef list _cell_matches(object doc)
