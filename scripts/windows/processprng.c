/* For the Wine tests only, never shipped: Wine 8 lacks bcryptprimitives.dll!ProcessPrng, which
 * Rust's standard library imports (Windows 10 and 11 have it). This stand-in fills the buffer
 * from RtlGenRandom (advapi32's SystemFunction036), in chunks it can take. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk)) {
            return FALSE;
        }
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
