#ifndef CSVSTAT_STATS_H
#define CSVSTAT_STATS_H
#include <stddef.h>

struct column_stats {
    char name[64];
    size_t count;      /* numeric values seen */
    size_t non_numeric;
    double min, max, sum, sum_sq;
};

void stats_add(struct column_stats *s, const char *value);
double stats_mean(const struct column_stats *s);
double stats_stddev(const struct column_stats *s);

#endif
