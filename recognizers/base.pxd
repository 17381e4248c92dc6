# Declarations for the compiled build of base.py (Cython reads this file; Python never does).
#
# Doc's own methods (positions, bounded, digit_candidates, has_needle, ...) run a few times
# per pattern per text and read the per-text caches on every call. Declared here, Doc is an
# extension type whose fields are C struct members instead of slot descriptors, with a
# __dict__ for the lazily computed properties (base.lazy) and for what
# recognizers cache on a text; _needle_hits, which the lookups call first, is called
# directly. The text field is typed str: Doc.__init__ makes a str subclass a plain str.
# Instructions for 200 notes: -2.7%. The needle-set record as an extension type, with its
# lookup called directly, gave -0.5% more once the scans around it had become C loops
# (session 8; session 6 had measured under 0.1%).

cdef class Doc:
    cdef dict __dict__
    cdef public str text
    cdef public object reference_year
    cdef public dict _positions, _bounded, _digit_cands
    cdef public object _needles
    cdef public frozenset _needles_known

    cpdef object _needle_hits(self)

# the record of a needle collection (looked up about 60 times per text): its fields as C
# struct members, and the lookup called directly
cdef class _NeedleSet:
    cdef public object needles
    cdef public frozenset known, nset, unregistered
    cdef public bint all_known

cpdef _NeedleSet _needle_set(object needles, frozenset known)
