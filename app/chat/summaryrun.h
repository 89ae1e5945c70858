#pragma once
// The summary being made, as its document card shows it: which document, the stage in words,
// "part 3 of 8", the time left, and how far along it is. Written only by DocumentsController from
// the Summarizer's progress.
#include "documents/summarizer.h"

#include <QObject>
#include <QtQml/qqmlregistration.h>

class SummaryRun : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("provided by DocumentsController")
    Q_PROPERTY(bool running READ running NOTIFY changed)
    Q_PROPERTY(qint64 documentId READ documentId NOTIFY changed)
    Q_PROPERTY(QString stageText READ stageText NOTIFY changed)
    Q_PROPERTY(QString partText READ partText NOTIFY changed)
    Q_PROPERTY(QString etaText READ etaText NOTIFY changed)
    Q_PROPERTY(double fraction READ fraction NOTIFY changed)
    Q_PROPERTY(QString text READ text NOTIFY changed)

  public:
    using QObject::QObject;

    bool running() const { return m_documentId != 0; }
    qint64 documentId() const { return m_documentId; }
    QString stageText() const { return m_stageText; }
    QString partText() const { return m_partText; }
    QString etaText() const { return m_etaText; }
    double fraction() const { return m_fraction; }
    // "Reading the document · part 2 of 4 · about 36 s left"
    QString text() const;

    void begin(qint64 documentId);
    void update(const SummaryProgress& progress);
    void end();

    // "Reading the document", "Merging notes", "Writing the summary".
    static QString stageName(const QString& stage);
    // "about 2 min left", "about 40 s left", "estimating time left…".
    static QString etaFor(double remainingSeconds);

  signals:
    void changed();

  private:
    qint64 m_documentId = 0;
    QString m_stageText;
    QString m_partText;
    QString m_etaText;
    double m_fraction = 0;
};
