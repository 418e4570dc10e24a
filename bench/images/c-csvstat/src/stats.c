#include "stats.h"

#include <math.h>
#include <stdlib.h>

void stats_add(struct column_stats *s, const char *value)
{
    char *end;
    double v = strtod(value, &end);
    if (end == value || *end != '\0') { s->non_numeric++; return; }
    if (s->count == 0 || v < s->min) s->min = v;
    if (s->count == 0 || v > s->max) s->max = v;
    s->count++;
    s->sum += v;
    s->sum_sq += v * v;
}

double stats_mean(const struct column_stats *s)
{
    return s->count ? s->sum / (double)s->count : 0.0;
}

double stats_stddev(const struct column_stats *s)
{
    if (s->count < 2) return 0.0;
    double m = stats_mean(s);
    double var = (s->sum_sq - (double)s->count * m * m) / (double)(s->count - 1);
    return var > 0 ? sqrt(var) : 0.0;
}
