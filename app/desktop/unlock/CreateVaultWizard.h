#pragma once
// First run: create a vault. Pages: where and for what (field or HQ), the passphrase with
// strength feedback, an optional duress passphrase, then (after the vault exists and is handed
// to the Session) the recovery key shown once with print / save / copy, and the HQ card
// enrolment checked by fingerprint. Once the vault is created there is no going back: the
// recovery key must be acknowledged before the wizard can finish.
#include "core/Vault.h"
#include "session/Session.h"

#include <QWizard>
#include <filesystem>

namespace fv::desktop {

class SensitiveClipboard;

class CreateVaultWizard : public QWizard
{
    Q_OBJECT

public:
    enum PageId
    {
        LocationPage,
        PassphrasePage,
        DuressPage,
        RecoveryKeyPage,
        HqCardPage,
    };

    CreateVaultWizard(Session& session, SensitiveClipboard& clipboard, QWidget* parent = nullptr);
    ~CreateVaultWizard() override;

    /// The folder proposed on the first page (the default vault location unless set).
    void setLocation(const std::filesystem::path& location);
    /// The Argon2id cost used for the new vault (tests pass Argon2Params::fastForTests()).
    void setKdf(const Argon2Params& params);

    /// True once the vault exists (and the Session holds it).
    bool vaultCreated() const noexcept;
    /// The recovery key text as shown (for tests); empty before creation.
    QString recoveryKeyText() const;

    int nextId() const override;
    /// Refused (the wizard stays open) while the vault is being created and while its recovery
    /// key is shown and not yet acknowledged: the key exists nowhere else.
    void reject() override;

    struct Pages; // the page objects (CreateVaultWizard.cpp)

private:
    std::unique_ptr<Pages> m_pages;
};

} // namespace fv::desktop
