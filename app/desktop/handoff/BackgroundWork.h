#pragma once
// One long vault operation (export, import) on a worker thread. Core is single-threaded per
// vault: while the work runs, the GUI thread must not touch the vault. The hand-off windows
// that use it are modal (the main window takes no input), and they call waitForFinished() when
// the session is about to lock, so keys are never wiped under a running operation.
#include <QFutureWatcher>
#include <QObject>
#include <functional>

namespace fv::desktop {

class BackgroundWork : public QObject
{
    Q_OBJECT

public:
    explicit BackgroundWork(QObject* parent = nullptr);
    /// Waits for the work to end.
    ~BackgroundWork() override;

    /// Runs `work` on a pool thread; finished() follows on this object's thread. Refused (false)
    /// while a work is still running.
    bool start(std::function<void()> work);
    bool isRunning() const;
    /// Blocks until the running work (if any) has ended; finished() is still emitted later.
    void waitForFinished();

signals:
    void finished();

private:
    QFutureWatcher<void> m_watcher;
};

} // namespace fv::desktop
