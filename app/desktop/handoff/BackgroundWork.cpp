#include "handoff/BackgroundWork.h"

#include <QtConcurrent/QtConcurrentRun>

namespace fv::desktop {

BackgroundWork::BackgroundWork(QObject* parent) : QObject(parent)
{
    connect(&m_watcher, &QFutureWatcher<void>::finished, this, &BackgroundWork::finished);
}

BackgroundWork::~BackgroundWork()
{
    m_watcher.disconnect(this);
    m_watcher.waitForFinished();
}

bool BackgroundWork::start(std::function<void()> work)
{
    if (isRunning())
        return false;
    m_watcher.setFuture(QtConcurrent::run(std::move(work)));
    return true;
}

bool BackgroundWork::isRunning() const
{
    return m_watcher.isRunning();
}

void BackgroundWork::waitForFinished()
{
    m_watcher.waitForFinished();
}

} // namespace fv::desktop
