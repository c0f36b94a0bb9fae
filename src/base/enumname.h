/*
 * enumname.h - internal: the index of a name in a table of names, for the
 * enums whose names the catalogue, queries and output share (precisions,
 * segments, tasks, methods, optimisers...). Not part of the public API.
 */
#ifndef GPUADV_BASE_ENUMNAME_H
#define GPUADV_BASE_ENUMNAME_H

/* The index i with names[i] equal to s, among the first n; -1 when s is
 * NULL or not there. */
int gpuadv__name_index(const char *const *names, int n, const char *s);

#endif
