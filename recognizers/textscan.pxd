# Declarations for the compiled build of textscan.py (Cython reads this file; Python never does).
#
# The indexes are C integers and the characters Py_UCS4, so each loop is plain C over the
# string's buffer: a comparison such as "a" <= c <= "z" is two integer tests, and
# c.isdecimal() / c.isupper() are the C functions str methods use. Only what a function
# returns is made of Python objects.

import cython

@cython.locals(i=Py_ssize_t, start=Py_ssize_t, end=Py_ssize_t, sep=Py_ssize_t, c=Py_UCS4,
               upper=bint, letter=bint, after_word_char=bint, word=str)
cpdef tuple ascii_words(str text)

@cython.locals(start=Py_ssize_t, i=Py_ssize_t, c=Py_UCS4)
cpdef list digit_runs(str text)

@cython.locals(c=Py_UCS4, upper=Py_ssize_t, lower=Py_ssize_t)
cpdef tuple line_letter_counts(str text)

@cython.locals(nl=Py_ssize_t, k=Py_ssize_t, nxt=Py_ssize_t, s=Py_ssize_t)
cpdef list per_token(list values, list token_starts, list line_starts)

@cython.locals(n=Py_ssize_t, end=Py_ssize_t, c=Py_UCS4, run=tuple)
cpdef list runs_followed_by(str text, list runs, str follow, bint alpha, bint space,
                            bint nonword)

@cython.locals(i=Py_ssize_t)
cpdef list members(list words, object pool)

@cython.locals(i=Py_ssize_t, word=str)
cpdef list members_sized(list words, object pool, Py_ssize_t size)

@cython.locals(i=Py_ssize_t)
cpdef list non_members(list words, object pool)

@cython.locals(start=Py_ssize_t, c=Py_UCS4, run=tuple)
cpdef list runs_after_letter(str text, list runs)

@cython.locals(c=Py_ssize_t, t=int, s=int, f=int, head=Py_ssize_t, delta="int[::1]",
               fail="int[::1]")
cpdef list complete_automaton(delta, Py_ssize_t width, fail)

@cython.locals(state=int, i=Py_ssize_t, c=Py_UCS4, k=Py_ssize_t, cls=int, lo=int, hi=int,
               needle=int, delta="const int[::1]", ascii_classes="const int[::1]",
               out_start="const int[::1]", out_ids="const int[::1]",
               out_lengths="const int[::1]", name=str)
cpdef dict automaton_hits(str text, delta, Py_ssize_t width, ascii_classes, dict wide_classes,
                          out_start, out_ids, list names, out_lengths)

@cython.locals(start=Py_ssize_t, end=Py_ssize_t, size=Py_ssize_t, i=Py_ssize_t, c=Py_UCS4,
               value=object, low=object, high=object, run=tuple)
cpdef list runs_valued(str text, list runs, tuple values, str lead)

@cython.locals(size=Py_ssize_t, mask="unsigned long long", run=tuple)
cpdef list runs_of_lengths(list runs, tuple lengths)

@cython.locals(n=Py_ssize_t, k=Py_ssize_t, end=Py_ssize_t, nxt=Py_ssize_t, i=Py_ssize_t,
               c=Py_UCS4, clear=bint, run=tuple)
cpdef list runs_before(list runs, list starts, Py_ssize_t within, str text=*, str between=*)

@cython.locals(k=Py_ssize_t, lo=Py_ssize_t, hi=Py_ssize_t, i=Py_ssize_t, c=Py_UCS4,
               runs=Py_ssize_t, blank=Py_ssize_t, ok=bint)
cpdef list signature_candidates(str text, list starts, list ends, Py_ssize_t longest)

@cython.locals(k=Py_ssize_t, lo=Py_ssize_t, hi=Py_ssize_t, limit=Py_ssize_t, c=Py_UCS4)
cpdef list bullet_lines(str text, list starts, list ends)

@cython.locals(k=Py_ssize_t, upper=Py_ssize_t, letters=Py_ssize_t)
cpdef list line_cases(list uppers, list lowers, str short)

@cython.locals(i=Py_ssize_t, n=Py_ssize_t, k=Py_ssize_t, pos=Py_ssize_t, end=Py_ssize_t,
               start=Py_ssize_t)
cpdef set tokens_holding(str text, list starts, list ends, str chars)

@cython.locals(n=Py_ssize_t, k=Py_ssize_t, pos=Py_ssize_t, end=Py_ssize_t)
cpdef list tokens_ending_at(list ends, list positions)

@cython.locals(i=Py_ssize_t, c=Py_UCS4, after_mark=bint)
cpdef list sentence_breaks(str text)

@cython.locals(count=Py_ssize_t, c=Py_UCS4)
cpdef Py_ssize_t count_digits(str value)

@cython.locals(end=Py_ssize_t, start=Py_ssize_t, c=Py_UCS4)
cpdef str trailing_word(str text, Py_ssize_t lo, Py_ssize_t hi, Py_ssize_t skip)

@cython.locals(end=Py_ssize_t, c=Py_UCS4)
cpdef str word_from(str text, Py_ssize_t lo, Py_ssize_t hi)

@cython.locals(start=Py_ssize_t, run=tuple)
cpdef list runs_after(str text, list runs, str chars)

@cython.locals(i=Py_ssize_t, j=Py_ssize_t, na=Py_ssize_t, nb=Py_ssize_t, sx=Py_ssize_t,
               sy=Py_ssize_t, x=tuple, y=tuple)
cpdef list merge_runs(list a, list b)
