/* csvstat: per-column statistics of a CSV file with a header line, read from standard input. */
#include <stdio.h>
#include <string.h>

#include "csv.h"
#include "stats.h"

int main(void)
{
    static char line[65536];
    static struct column_stats cols[CSV_MAX_FIELDS];
    char *fields[CSV_MAX_FIELDS];
    size_t ncols = 0, rows = 0;

    if (!fgets(line, sizeof line, stdin)) {
        fprintf(stderr, "csvstat: empty input\n");
        return 1;
    }
    ncols = csv_split(line, fields, CSV_MAX_FIELDS);
    for (size_t i = 0; i < ncols; i++)
        snprintf(cols[i].name, sizeof cols[i].name, "%s", fields[i]);
    while (fgets(line, sizeof line, stdin)) {
        if (line[0] == '\n' || line[0] == '\r') continue;
        size_t n = csv_split(line, fields, CSV_MAX_FIELDS);
        for (size_t i = 0; i < n && i < ncols; i++) stats_add(&cols[i], fields[i]);
        rows++;
    }
    printf("rows %zu\n", rows);
    for (size_t i = 0; i < ncols; i++) {
        const struct column_stats *c = &cols[i];
        if (c->count == 0) {
            printf("%-10s text (%zu values)\n", c->name, c->non_numeric);
            continue;
        }
        printf("%-10s n=%zu min=%.2f max=%.2f mean=%.2f sd=%.2f\n", c->name, c->count, c->min,
               c->max, stats_mean(c), stats_stddev(c));
    }
    return 0;
}
