// Vectorscan (Hyperscan's portable fork), Debian package libvectorscan-dev.
#include <hs/hs.h>
