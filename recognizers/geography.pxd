# Declarations for the compiled build of geography.py (Cython reads this file; Python never
# does). The city dictionary walk visits every candidate token of a text: with its token
# indexes typed (Py_ssize_t), list reads by index and the index arithmetic are C
# operations, the word lists are read as the frozensets they are, and the helpers below
# are called directly instead of through Python calls. The behaviour is Python's
# (tests/test_compiled.py compares the compiled and pure-Python findings).

import cython

@cython.locals(n=Py_ssize_t, i=Py_ssize_t, c=Py_ssize_t, found=Py_ssize_t, width=Py_ssize_t,
               last_end_token=Py_ssize_t, starts=list, ends=list, texts=list, lows=list,
               cases=list, candidates=list, hits=list, text=str, word=str, low=str, case=str,
               phrase=str, places=frozenset, firsts=frozenset, seconds=frozenset,
               english=frozenset, clinical=frozenset, states=frozenset, eponym_next=frozenset,
               blocked=set, cued=set, idx=set)
cpdef list _city_dictionary_hits(object doc, str name)

@cython.locals(ends=tuple)
cpdef bint _toponym_word(str word)

@cython.locals(out=list, i=Py_ssize_t, word=str, kind=object)
cpdef list _start_candidates(list lows, dict kinds)

@cython.locals(k=Py_ssize_t, word=str)
cpdef bint _capitalized(list texts, Py_ssize_t i, Py_ssize_t j)

@cython.locals(k=Py_ssize_t, end=Py_ssize_t)
cpdef bint _adjacent(str text, list starts, list ends, Py_ssize_t i, Py_ssize_t j)

@cython.locals(end=Py_ssize_t, c=Py_UCS4)
cpdef Py_ssize_t _trailing_end(str text, Py_ssize_t lo, Py_ssize_t hi)

@cython.locals(w=str, places=frozenset, english=frozenset)
cpdef bint _facility_specific(list words)
