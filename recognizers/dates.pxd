# Declarations for the compiled build of dates.py (Cython reads this file; Python never does).
#
# _date_runs walks every digit run of one or two digits of a text (times, vitals, list
# numbers: some 40 per note) in Python; with the run's end and the text typed, its slices
# and comparisons are C calls, and _free_before reads one character as a C character.
# The behaviour is Python's: offsets are whole numbers within the text
# (tests/test_compiled.py compares the compiled and pure-Python findings).

import cython

@cython.locals(text=str, n=Py_ssize_t, end=Py_ssize_t, k=Py_ssize_t, n_months=Py_ssize_t,
               span=tuple, nxt=Py_UCS4, months=list, width=Py_ssize_t)
cpdef dict _date_runs(object doc)

@cython.locals(before=Py_UCS4)
cpdef bint _free_before(str text, Py_ssize_t start)

# the groups of a date match read by index (no dict per match), ASCII digits in a C loop
@cython.locals(n=Py_ssize_t, ch=Py_UCS4)
cpdef object _num(str digits)

@cython.locals(month=Py_ssize_t)
cpdef object _read_ymd(object m, Py_ssize_t mon_i, Py_ssize_t m_i, Py_ssize_t d_i,
                       Py_ssize_t y_i)

@cython.locals(n=Py_ssize_t, pos=Py_ssize_t, before=Py_UCS4, ch=Py_UCS4)
cpdef list _anchor_matches(str text, object regex, list positions, bint the)

@cython.locals(n=Py_ssize_t, a=Py_UCS4, b=Py_UCS4)
cpdef bint _may_fullmatch(long shape, str value)

# the commonest numeric dates read back without a regex
@cython.locals(n=Py_ssize_t, i=Py_ssize_t, j=Py_ssize_t, k=Py_ssize_t, sep=Py_UCS4,
               first=Py_UCS4, second=Py_UCS4, a=Py_ssize_t, b=Py_ssize_t, c=Py_ssize_t,
               month=Py_ssize_t, day=Py_ssize_t, year=Py_ssize_t)
cpdef object _numeric_ymd(str value)

@cython.locals(first=Py_UCS4, second=Py_UCS4)
cpdef bint _form(str value, Py_ssize_t lo, Py_ssize_t hi, bint day)

@cython.locals(pos=Py_ssize_t, ch=Py_UCS4)
cpdef bint _birth_cue(str text, Py_ssize_t lo, Py_ssize_t start)

@cython.locals(pos=Py_ssize_t)
cpdef bint _cue_search(object regex, str window, str firsts)

@cython.locals(ch=Py_UCS4)
cpdef bint _blocks_md(str text, Py_ssize_t i, Py_ssize_t n)

@cython.locals(n=Py_ssize_t, k=Py_ssize_t)
cpdef Py_ssize_t _ascii_number(str value, Py_ssize_t lo, Py_ssize_t hi)

@cython.locals(last_end=Py_ssize_t, start=Py_ssize_t, lo=Py_ssize_t, hi=Py_ssize_t)
cpdef list _tried(str text, object regex, list starts)

@cython.locals(span=tuple)
cpdef list _run_matches(str text, object regex, list runs)
