#pragma once
// Readers throw hearth::Error with one sentence saying what is wrong with the file and what to do;
// DocumentReader puts the file's name in front.
#include "hearth/error.h"

#include <QCoreApplication>
#include <QString>

namespace documents {

inline QString tr(const char* text)
{
    return QCoreApplication::translate("Documents", text);
}

// An encrypted PDF opened without its password, or with a wrong one: the window asks for it again.
class PasswordError : public hearth::Error {
  public:
    PasswordError(const std::string& message, bool wrongPassword)
        : hearth::Error(message), m_wrongPassword(wrongPassword)
    {
    }
    bool wrongPassword() const { return m_wrongPassword; }

  private:
    bool m_wrongPassword;
};

[[noreturn]] inline void fail(const QString& message)
{
    throw hearth::Error(message.toStdString());
}

} // namespace documents
