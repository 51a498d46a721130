// fieldvault-cli entry point (placeholder until the commands land).
#include "crypto/Crypto.h"

#include <cstdio>
#include <cstring>

int main(int argc, char* argv[])
{
    fv::disableCoreDumps();
    if (!fv::initCrypto()) {
        std::fputs("fieldvault-cli: the cryptography library could not start\n", stderr);
        return 70;
    }
    if (argc > 1 && std::strcmp(argv[1], "--version") == 0) {
        std::printf("fieldvault-cli %s\n", FV_VERSION);
        return 0;
    }
    std::fputs("usage: fieldvault-cli --version\n", stderr);
    return 64;
}
