#include "summarizer.h"

#include "chunker.h"
#include "hearth/error.h"

#include <algorithm>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

int estimate(const QString& text)
{
    return Chunker::estimateTokens(text);
}

QList<SourceRef> unite(const QList<SourceRef>& a, const QList<SourceRef>& b)
{
    QList<SourceRef> all = a;
    all.append(b);
    return all;
}

} // namespace

Summarizer::Summarizer(EngineService& engine, SummaryStore& store, QObject* parent)
    : QObject(parent), m_engine(engine), m_store(store)
{
    connect(&engine, &EngineService::jobFinished, this, &Summarizer::onFinished);
    connect(&engine, &EngineService::jobFailed, this, &Summarizer::onFailed);
    connect(&engine, &EngineService::jobPiece, this, [this](qint64 jobId, const QString& text) {
        if (jobId != m_jobId)
            return;
        m_pending += text;
        if (m_writing)
            emit piece(text);
    });
}

bool Summarizer::isStyle(const QString& style)
{
    return style == QLatin1String("brief") || style == QLatin1String("detailed") ||
           style == QLatin1String("points");
}

void Summarizer::start(qint64 documentId, const Document& document, const QString& modelPath,
                       int contextLength, const SummarySettings& settings)
{
    if (!isStyle(settings.style)) {
        emit failed(tr("Unknown summary style \"%1\"; use brief, detailed or points.").arg(settings.style),
                    false);
        return;
    }
    m_settings = settings;
    m_client = QStringLiteral("summary:%1").arg(documentId);
    m_result = SummaryResult();
    m_result.style = settings.style;
    m_progress = SummaryProgress();
    m_notes.clear();
    m_nextNotes.clear();
    m_round = 0;
    m_index = 0;
    m_jobsRun = 0;
    m_writing = false;
    m_cancelled = false;
    m_clock.start();

    // Room in the context: the answer, the instruction, and the text read. Token counts are
    // estimated from characters (no tokenizer on this thread), so the text gets half of what
    // is left: enough margin for tokenizers that need two characters a token.
    m_summaryTokens = std::clamp(contextLength / 4, 64, 768);
    m_noteTokens = std::clamp(contextLength / 8, 32, 256);
    m_inputBudget = std::max(32, (contextLength - m_summaryTokens - 160) / 2);

    try {
        const QList<Chunk> chunks = Chunker(m_inputBudget, estimate).chunk(document);
        if (chunks.isEmpty())
            throw hearth::Error(tr("The document has no text to summarize.").toStdString());
        int total = 0;
        for (const Chunk& c : chunks) {
            SummaryChunk chunk;
            chunk.index = c.index;
            // Lines are what a text without pages or headings can be cited by.
            const auto lineAt = [&](qsizetype at) {
                return int(document.text.left(at).count(QLatin1Char('\n'))) + 1;
            };
            chunk.source = {c.firstPage, c.lastPage, c.section, lineAt(c.start),
                            lineAt(std::max(c.start, c.end - 1))};
            chunk.text = document.text.mid(c.start, c.end - c.start);
            chunk.tokens = c.tokens;
            total += c.tokens;
            m_result.chunks.append(chunk);
        }
        const QJsonObject shape{{"context", contextLength}, {"budget", m_inputBudget}};
        m_summaryId =
            m_store.openSummary({documentId, modelPath, settings.style, settings.focus, settings.language,
                                 QString::fromUtf8(QJsonDocument(shape).toJson(QJsonDocument::Compact))});
        m_singlePass = total <= m_inputBudget;
        const int chunkCount = int(m_result.chunks.size());
        // Notes are capped at m_noteTokens real tokens; in estimated tokens (the unit of the
        // budget) they come to about half of that, by the same factor-two margin.
        m_progress.total =
            m_singlePass ? 1 : chunkCount + projectedReduceSteps(chunkCount, m_noteTokens / 2) + 1;
        if (m_singlePass)
            for (const SummaryChunk& c : std::as_const(m_result.chunks))
                m_notes.append({citationText(c.source) + QLatin1Char('\n') + c.text, {c.source}});
    } catch (const hearth::Error& e) {
        emit failed(QString::fromUtf8(e.what()), false);
        return;
    }
    next();
}

QString Summarizer::instruction(const QString& task) const
{
    QString text = task;
    if (!m_settings.focus.trimmed().isEmpty())
        text += QLatin1Char(' ') + tr("Focus on: %1.").arg(m_settings.focus.trimmed());
    text += QLatin1Char(' ') + (m_settings.language.trimmed().isEmpty()
                                    ? tr("Write in the language of the document.")
                                    : tr("Write in %1.").arg(m_settings.language.trimmed()));
    return text;
}

void Summarizer::next()
{
    try {
        if (m_singlePass) {
            if (!m_writing)
                runFinal();
            return;
        }
        if (m_round == 0) {
            runMap();
            if (m_jobId || m_round == 0)
                return;
        }
        runReduce();
    } catch (const hearth::Error& e) {
        m_jobId = 0;
        emit failed(QString::fromUtf8(e.what()), false);
    }
}

void Summarizer::runMap()
{
    const QHash<int, QString> stored = m_store.notes(m_summaryId, 0);
    while (m_index < m_result.chunks.size()) {
        const SummaryChunk& chunk = m_result.chunks[m_index];
        if (!stored.contains(m_index))
            break;
        m_notes.append({stored.value(m_index), {chunk.source}});
        ++m_result.resumedChunks;
        ++m_progress.done;
        ++m_index;
    }
    if (m_index < m_result.chunks.size()) {
        const SummaryChunk& chunk = m_result.chunks[m_index];
        m_progress.stage = QStringLiteral("map");
        report();
        submit(instruction(
                   tr("Write short notes on this part of a document: its facts, claims, names and numbers.")),
               citationText(chunk.source) + QLatin1Char('\n') + chunk.text, m_noteTokens);
        return;
    }
    m_round = 1;
    m_index = 0;
    planReduce();
}

void Summarizer::runReduce()
{
    while (m_groups.size() > 1) {
        const QHash<int, QString> stored = m_store.notes(m_summaryId, m_round);
        while (m_index < m_groups.size()) {
            QList<SourceRef> sources;
            for (int i : m_groups[m_index])
                sources = unite(sources, m_notes[i].sources);
            if (!stored.contains(m_index)) {
                QStringList input;
                for (int i : m_groups[m_index])
                    input.append(m_notes[i].text);
                m_progress.stage = QStringLiteral("reduce");
                report();
                submit(
                    instruction(tr("Merge these notes on parts of a document into fewer notes. Keep the page "
                                   "references in brackets at the end of the statements they support.")),
                    input.join(QStringLiteral("\n\n")), m_noteTokens);
                return;
            }
            m_nextNotes.append({stored.value(m_index), sources});
            ++m_progress.done;
            ++m_index;
        }
        m_notes = std::exchange(m_nextNotes, {});
        m_result.rounds = m_round;
        ++m_round;
        m_index = 0;
        planReduce();
    }
    runFinal();
}

void Summarizer::runFinal()
{
    static const QHash<QString, QString> tasks = {
        {QStringLiteral("brief"), tr("Summarize the document in one paragraph.")},
        {QStringLiteral("detailed"),
         tr("Summarize the document in detail, a short section for each of its parts.")},
        {QStringLiteral("points"), tr("Summarize the document as a bulleted list of its key points.")},
    };
    QStringList input;
    for (const Note& note : std::as_const(m_notes))
        input.append(note.text);
    m_writing = true;
    m_progress.stage = QStringLiteral("write");
    m_progress.total = m_progress.done + 1;
    report();
    submit(instruction(tasks.value(m_settings.style) + QLatin1Char(' ') +
                       tr("End each paragraph or bullet with its page references in brackets, "
                          "like [p. 3–4], taken from the text.")),
           input.join(QStringLiteral("\n\n")), m_summaryTokens);
}

void Summarizer::planReduce()
{
    // The notes are real now: the steps still to come are re-counted from their size, so the
    // estimated time left follows what the model actually writes.
    m_groups = groups(m_notes);
    int noteTokens = 1;
    for (const Note& note : std::as_const(m_notes))
        noteTokens += estimate(note.text);
    noteTokens /= std::max(1, int(m_notes.size()));
    const int groupCount = int(m_groups.size());
    const int reduceSteps = groupCount > 1 ? groupCount + projectedReduceSteps(groupCount, noteTokens) : 0;
    m_progress.total = m_progress.done + reduceSteps + 1;
}

int Summarizer::projectedReduceSteps(int notes, int noteTokens) const
{
    // Each round merges as many notes as fit the input budget (at least two) into one, until a
    // single group is left for the final summary.
    const int perGroup = std::max(2, m_inputBudget / std::max(1, noteTokens));
    int steps = 0;
    for (int groups = (notes + perGroup - 1) / perGroup; groups > 1;
         groups = (groups + perGroup - 1) / perGroup)
        steps += groups;
    return steps;
}

QList<QList<int>> Summarizer::groups(const QList<Note>& notes) const
{
    // Consecutive notes up to the input budget, at least two a group, so every round shrinks.
    QList<QList<int>> result;
    int tokens = 0;
    for (int i = 0; i < notes.size(); ++i) {
        const int t = estimate(notes[i].text);
        if (!result.isEmpty() && (result.last().size() < 2 || tokens + t <= m_inputBudget)) {
            result.last().append(i);
            tokens += t;
        } else {
            result.append(QList<int>{i});
            tokens = t;
        }
    }
    return result;
}

void Summarizer::submit(const QString& system, const QString& user, int maxTokens)
{
    if (m_cancelled) { // asked between two jobs: what is done is stored, nothing more starts
        emit failed(tr("Summary stopped; run it again to resume from the last finished part."), true);
        return;
    }
    EngineJob job;
    job.kind = JobKind::SummaryStep;
    job.clientId = m_client;
    job.priority = JobPriority::Background;
    job.turns = {{QStringLiteral("system"), system}, {QStringLiteral("user"), user}};
    job.sampling.temperature = 0; // the same notes on a rerun, so a resumed summary matches
    job.maxTokens = maxTokens;
    const EngineService::Submission submitted = m_engine.submit(job);
    if (!submitted.accepted())
        throw hearth::Error(submitted.error.toStdString());
    m_jobId = submitted.jobId;
}

void Summarizer::account(const JobStats& stats)
{
    ++m_jobsRun;
    ++m_progress.done;
    m_result.promptTokens += stats.promptTokens;
    m_result.evaluatedTokens += stats.evaluatedTokens;
    m_result.generatedTokens += stats.generatedTokens;
    m_progress.promptTokens = m_result.promptTokens;
    m_progress.evaluatedTokens = m_result.evaluatedTokens;
}

void Summarizer::report()
{
    m_progress.elapsedSeconds = double(m_clock.elapsed()) / 1000.0;
    m_progress.remainingSeconds = m_jobsRun > 0 ? m_progress.elapsedSeconds / m_jobsRun *
                                                      std::max(0, m_progress.total - m_progress.done)
                                                : -1;
    emit progressed(m_progress);
}

void Summarizer::onFinished(qint64 jobId, const JobStats& stats)
{
    if (jobId != m_jobId)
        return;
    m_jobId = 0;
    if (stats.finishReason == QLatin1String("cancel")) {
        emit failed(tr("Summary stopped; run it again to resume from the last finished part."), true);
        return;
    }
    const QString text = m_pending.trimmed();
    m_pending.clear();
    account(stats);
    try {
        if (m_writing) {
            QList<SourceRef> sources;
            for (const Note& note : std::as_const(m_notes))
                sources = unite(sources, note.sources);
            const CitedText cited = enforceCitations(text, sources);
            m_store.finish(m_summaryId, cited.text);
            m_result.text = cited.text;
            m_result.citedPages = QList<int>(cited.pages.begin(), cited.pages.end());
            std::sort(m_result.citedPages.begin(), m_result.citedPages.end());
            m_result.citedSections = QStringList(cited.sections.begin(), cited.sections.end());
            m_result.citedSections.sort();
            m_result.seconds = double(m_clock.elapsed()) / 1000.0;
            m_writing = false;
            report();
            emit finished(m_result);
            return;
        }
        if (m_round == 0) {
            const SummaryChunk& chunk = m_result.chunks[m_index];
            const QString note = enforceCitations(text, {chunk.source}).text;
            m_store.saveNote(m_summaryId, 0, m_index, note, chunk.source.firstPage, chunk.source.lastPage,
                             stats.promptTokens, stats.generatedTokens);
            m_notes.append({note, {chunk.source}});
        } else {
            QList<SourceRef> sources;
            for (int i : m_groups[m_index])
                sources = unite(sources, m_notes[i].sources);
            const QString note = enforceCitations(text, sources).text;
            m_store.saveNote(m_summaryId, m_round, m_index, note, 0, 0, stats.promptTokens,
                             stats.generatedTokens);
            m_nextNotes.append({note, sources});
        }
        ++m_index;
    } catch (const hearth::Error& e) {
        emit failed(QString::fromUtf8(e.what()), false);
        return;
    }
    report();
    next();
}

void Summarizer::onFailed(qint64 jobId, const QString& error)
{
    if (jobId != m_jobId)
        return;
    m_jobId = 0;
    m_pending.clear();
    m_writing = false;
    emit failed(error, false);
}

void Summarizer::cancel()
{
    m_cancelled = true;
    if (m_jobId)
        m_engine.cancel(m_jobId);
}
