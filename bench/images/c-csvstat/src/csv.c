#include "csv.h"

#include <string.h>

size_t csv_split(char *line, char **fields, size_t max_fields)
{
    size_t n = 0;
    char *r = line, *w = line;
    line[strcspn(line, "\r\n")] = '\0';
    while (n < max_fields) {
        int quoted = 0;
        fields[n++] = w;
        for (;;) {
            if (*r == '"') {
                if (quoted && r[1] == '"') { *w++ = '"'; r += 2; continue; }
                quoted = !quoted; r++; continue;
            }
            if (*r == '\0' || (*r == ',' && !quoted)) break;
            *w++ = *r++;
        }
        int end = (*r == '\0');
        *w++ = '\0';
        if (end) break;
        r++;
    }
    return n;
}
