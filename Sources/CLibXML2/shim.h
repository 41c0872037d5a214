#ifndef WARD_CLIBXML2_SHIM_H
#define WARD_CLIBXML2_SHIM_H

// Debian's libxml2 defines LIBXML_ICU_ENABLED, which pulls the system ICU headers into every
// module that imports this one; they clash with Foundation's own ICU. Nothing Ward calls needs
// the ICU parts of libxml2 (they only add fields to xmlCharEncodingHandler, never touched here).
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/xmlwriter.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>

// zlib, which libxml2 itself links: measures how large a report is once gzipped.
#include <zlib.h>

#endif
