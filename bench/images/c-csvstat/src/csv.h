#ifndef CSVSTAT_CSV_H
#define CSVSTAT_CSV_H
#include <stddef.h>

#define CSV_MAX_FIELDS 64

/* Splits one line of comma-separated values in place (double quotes group commas; "" is a
 * literal quote). Returns the number of fields stored in fields[]. */
size_t csv_split(char *line, char **fields, size_t max_fields);

#endif
