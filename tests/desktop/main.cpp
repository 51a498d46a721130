// Catch2 runner for the desktop tests: a private HOME and XDG folders (so settings, caches and
// anything Qt writes land where the tests can inspect them), the process hygiene of the app,
// then a QApplication on the offscreen platform.
#define CATCH_CONFIG_RUNNER
#include "DesktopTestSupport.h"
#include "session/Hygiene.h"

#include <QApplication>
#include <catch2/catch.hpp>
#include <cstdlib>

int main(int argc, char* argv[])
{
    const std::filesystem::path home = fv::test::privateHome();
    ::setenv("QT_QPA_PLATFORM", "offscreen", 0);
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Fieldvault"));
    if (!fv::desktop::applyProcessHygiene())
        return 2;
    const int result = Catch::Session().run(argc, argv);
    std::error_code ec;
    std::filesystem::remove_all(home, ec);
    return result;
}
