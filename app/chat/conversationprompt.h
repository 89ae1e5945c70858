#pragma once
// The system prompt of the conversation on screen, as the chat header shows it: the text the next
// answer will use (the conversation's own override, or else the default from Settings) and
// whether it is an override. Written only by ChatController.
#include <QObject>
#include <QString>
#include <QtQml/qqmlregistration.h>

class ConversationPrompt : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("provided by ChatController")
    Q_PROPERTY(QString text READ text NOTIFY changed)
    Q_PROPERTY(bool overridden READ overridden NOTIFY changed)

  public:
    using QObject::QObject;

    QString text() const { return m_overridden ? m_override : m_default; }
    bool overridden() const { return m_overridden; }

    // override: the conversation's own prompt, empty when it follows the default.
    void set(const QString& override, const QString& defaultText);

  signals:
    void changed();

  private:
    QString m_override;
    QString m_default;
    bool m_overridden = false;
};
