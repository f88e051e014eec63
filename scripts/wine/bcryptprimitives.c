/* A stand-in for Windows' bcryptprimitives.dll, for scripts/test-windows only: never shipped.
 *
 * Rust's standard library (1.78 and later) draws its random seeds from ProcessPrng in
 * bcryptprimitives.dll, present on every Windows 10 and 11. Wine 8 (Debian 12's) lacks that DLL, so
 * without this stand-in no Rust program starts under it. ProcessPrng fills the buffer from the system's
 * generator, here RtlGenRandom (advapi32's SystemFunction036), which Wine has; like Windows' own, it
 * never fails.
 *
 * Built by scripts/test-windows: x86_64-w64-mingw32-gcc -shared -O2 -o bcryptprimitives.dll
 *   bcryptprimitives.c bcryptprimitives.def -ladvapi32
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
