// PCRE2 with 8-bit code units, Debian package libpcre2-dev. The library's function names are macros
// over the width-suffixed symbols, which Swift does not import: Swift calls `pcre2_match_8` and so on.
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

// PCRE2_ZERO_TERMINATED and PCRE2_UNSET are casts, which Swift does not import as constants.
static inline PCRE2_SIZE ward_pcre2_unset(void) { return PCRE2_UNSET; }
