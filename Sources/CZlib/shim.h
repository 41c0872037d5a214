#ifndef WARD_CZLIB_SHIM_H
#define WARD_CZLIB_SHIM_H

// zlib, for the history's compressed raw results.
#include <zlib.h>

#endif
