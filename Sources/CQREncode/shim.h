#ifndef CQRENCODE_SHIM_H
#define CQRENCODE_SHIM_H

// libqrencode (Debian's libqrencode-dev): QR codes for the links printed on letters. Its API has no
// variadic calls, so the header is used as it is.

#include <qrencode.h>

#endif
