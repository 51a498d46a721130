#include "DesktopTestSupport.h"

#include "core/Vault.h"

#include <QElapsedTimer>
#include <QKeyEvent>
#include <cstdlib>
#include <cstring>
#include <random>

namespace fv::test {

std::filesystem::path privateHome()
{
    static const std::filesystem::path home = [] {
        std::random_device rd;
        auto path = std::filesystem::temp_directory_path() / ("fv-desktop-tests-" + std::to_string(rd()));
        std::filesystem::create_directories(path / "tmp");
        std::filesystem::create_directories(path / "config");
        std::filesystem::create_directories(path / "data");
        std::filesystem::create_directories(path / "cache");
        std::filesystem::create_directories(path / "runtime");
        std::filesystem::permissions(path / "runtime", std::filesystem::perms::owner_all);
        ::setenv("HOME", path.c_str(), 1);
        ::setenv("TMPDIR", (path / "tmp").c_str(), 1);
        ::setenv("XDG_CONFIG_HOME", (path / "config").c_str(), 1);
        ::setenv("XDG_DATA_HOME", (path / "data").c_str(), 1);
        ::setenv("XDG_CACHE_HOME", (path / "cache").c_str(), 1);
        ::setenv("XDG_RUNTIME_DIR", (path / "runtime").c_str(), 1);
        return path;
    }();
    return home;
}

TempDir::TempDir()
{
    static int counter = 0;
    m_path = privateHome() / "work" / std::to_string(++counter);
    std::filesystem::create_directories(m_path);
}

TempDir::~TempDir()
{
    std::error_code ec;
    std::filesystem::remove_all(m_path, ec);
}

SecretBuffer secret(const char* text)
{
    return SecretBuffer::copyOf({reinterpret_cast<const std::uint8_t*>(text), std::strlen(text)});
}

void makeVault(const std::filesystem::path& where, const char* passphrase, VaultRole role)
{
    VaultCreateOptions options;
    options.kdf = Argon2Params::fastForTests();
    options.role = role;
    auto created = Vault::create(where, secret(passphrase), options);
    if (!created)
        throw std::runtime_error("makeVault: " + created.error().message);
    (void)created->vault.lock();
}

bool waitFor(const std::function<bool()>& condition, std::chrono::milliseconds timeout)
{
    QElapsedTimer timer;
    timer.start();
    while (!condition()) {
        if (timer.elapsed() > timeout.count())
            return false;
        QTest::qWait(10);
    }
    return true;
}

void type(QWidget* widget, const QString& text)
{
    // QTest::keyClicks() goes through Latin-1; Arabic needs the text of each key event as is.
    widget->setFocus();
    for (qsizetype i = 0; i < text.size(); ++i) {
        const qsizetype n = text.at(i).isHighSurrogate() && i + 1 < text.size() ? 2 : 1;
        const QString one = text.mid(i, n);
        const QChar c = text.at(i);
        const int key =
            c.unicode() < 0x80 && c.isLetterOrNumber() ? int(c.toUpper().unicode()) : int(Qt::Key_unknown);
        const Qt::KeyboardModifiers mods = c.isUpper() ? Qt::ShiftModifier : Qt::NoModifier;
        QKeyEvent press(QEvent::KeyPress, key, mods, one);
        QApplication::sendEvent(widget, &press);
        QKeyEvent release(QEvent::KeyRelease, key, mods, one);
        QApplication::sendEvent(widget, &release);
        i += n - 1;
    }
}

} // namespace fv::test
