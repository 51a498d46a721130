// The single Catch2 main shared by the test executables. Initialises libsodium first so every
// test starts with a working crypto library.
#define CATCH_CONFIG_RUNNER
#include "crypto/Crypto.h"

#include <catch2/catch.hpp>

int main(int argc, char* argv[])
{
    if (!fv::initCrypto())
        return 2;
    return Catch::Session().run(argc, argv);
}
