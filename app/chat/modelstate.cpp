#include "modelstate.h"

#include <QFileInfo>

void ModelState::setLoading(const QString& path)
{
    m_status = Status::Loading;
    m_path = path;
    m_name = QFileInfo(path).completeBaseName();
    m_error.clear();
    m_progress = 0;
    emit changed();
    emit progressChanged();
}

void ModelState::setProgress(double progress)
{
    m_progress = progress;
    emit progressChanged();
}

void ModelState::setReady(const QString& path, const QString& name, const QString& device)
{
    m_status = Status::Ready;
    m_path = path;
    m_name = name;
    m_device = device;
    m_error.clear();
    m_progress = 1;
    emit changed();
    emit progressChanged();
}

void ModelState::setFailed(const QString& path, const QString& error)
{
    m_status = Status::Failed;
    m_path = path;
    m_error = error;
    emit changed();
}

void ModelState::setEmpty()
{
    m_status = Status::Empty;
    m_path.clear();
    m_name.clear();
    m_device.clear();
    m_error.clear();
    m_progress = 0;
    emit changed();
    emit progressChanged();
}
