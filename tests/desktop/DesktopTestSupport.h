#pragma once
// Shared helpers of the desktop tests: a fresh folder per test, vaults made with the fast KDF,
// waiting for asynchronous work with a deadline, and finding widgets by object name.
#include "core/Vault.h"
#include "crypto/SecretBuffer.h"

#include <QApplication>
#include <QString>
#include <QTest>
#include <QWidget>
#include <chrono>
#include <filesystem>
#include <functional>

namespace fv::test {

/// Points HOME, TMPDIR and the XDG folders at a new private folder (once per process) and
/// returns it.
std::filesystem::path privateHome();

/// A new empty folder under the private home, removed with its content on destruction.
class TempDir
{
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const noexcept { return m_path; }
    std::filesystem::path operator/(const char* name) const { return m_path / name; }

private:
    std::filesystem::path m_path;
};

SecretBuffer secret(const char* text);

/// Creates a vault with the fast test KDF and passphrase `passphrase`, then locks it.
void makeVault(const std::filesystem::path& where, const char* passphrase, VaultRole role = VaultRole::Field);

/// Processes events until `condition` holds or `timeout` passes; returns the condition.
bool waitFor(const std::function<bool()>& condition,
             std::chrono::milliseconds timeout = std::chrono::seconds(20));

/// The child of `root` named `name` (REQUIREs it exists).
template <class T>
T* child(const QObject* root, const char* name)
{
    T* found = root->findChild<T*>(QString::fromLatin1(name));
    if (!found)
        throw std::runtime_error(std::string("no widget named ") + name);
    return found;
}

/// Types `text` into `widget` as key presses (each character with its text).
void type(QWidget* widget, const QString& text);

} // namespace fv::test
