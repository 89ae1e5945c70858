#include "summaryrun.h"

#include <cmath>
#include <QStringList>

void SummaryRun::begin(qint64 documentId)
{
    m_documentId = documentId;
    m_stageText = tr("Starting…");
    m_partText.clear();
    m_etaText = etaFor(-1);
    m_fraction = 0;
    emit changed();
}

void SummaryRun::update(const SummaryProgress& progress)
{
    if (!running())
        return;
    m_stageText = stageName(progress.stage);
    m_partText = progress.total > 0
                     ? tr("part %1 of %2").arg(qMin(progress.done + 1, progress.total)).arg(progress.total)
                     : QString();
    m_etaText = etaFor(progress.remainingSeconds);
    m_fraction = progress.total > 0 ? qBound(0.0, double(progress.done) / progress.total, 1.0) : 0;
    emit changed();
}

QString SummaryRun::text() const
{
    QStringList parts{m_stageText, m_partText, m_etaText};
    parts.removeAll(QString());
    return parts.join(QStringLiteral(" · "));
}

void SummaryRun::end()
{
    m_documentId = 0;
    m_stageText.clear();
    m_partText.clear();
    m_etaText.clear();
    m_fraction = 0;
    emit changed();
}

QString SummaryRun::stageName(const QString& stage)
{
    if (stage == QLatin1String("map"))
        return tr("Reading the document");
    if (stage == QLatin1String("reduce"))
        return tr("Merging notes");
    if (stage == QLatin1String("write"))
        return tr("Writing the summary");
    return stage;
}

QString SummaryRun::etaFor(double remainingSeconds)
{
    if (remainingSeconds < 0)
        return tr("estimating time left…");
    const int seconds = int(std::ceil(remainingSeconds));
    if (seconds >= 90)
        return tr("about %n min left", nullptr, (seconds + 30) / 60);
    return tr("about %n s left", nullptr, qMax(1, seconds));
}
