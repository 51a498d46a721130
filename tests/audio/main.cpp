// Catch2 main for the audio tests: libsodium first, then a QApplication (the widgets and Qt
// Multimedia need one; QT_QPA_PLATFORM=offscreen keeps it off any display).
#define CATCH_CONFIG_RUNNER
#include "crypto/Crypto.h"

#include <QApplication>
#include <catch2/catch.hpp>

int main(int argc, char* argv[])
{
    if (!fv::initCrypto())
        return 2;
    QApplication app(argc, argv);
    return Catch::Session().run(argc, argv);
}
