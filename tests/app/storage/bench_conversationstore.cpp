// Not a test: times the conversation store at the size of years of use — 10,000 conversations of
// 50 messages (500,000 messages, every one in the search index). Measures, as medians of repeated
// runs on a warm file: the first page of the list, opening one conversation (its row and active
// path), and full-text searches from a rare to the most common word.
//
//   bench_conversationstore [DIR]   (default: a temporary folder; a DIR that already holds the
//                                    database is reused instead of filled again)
#include "hearth/error.h"
#include "storage/conversationstore.h"
#include "storage/database.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTextStream>

namespace {

constexpr int kConversations = 10000;
constexpr int kMessagesEach = 50;
constexpr int kVocabulary = 20000;

// Made-up words from syllables; word i is the i-th most frequent (Zipf-like draw below).
QString word(int i)
{
    static const char* const kSyllables[] = {"ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "ze", "po",
                                             "an", "el", "in", "or", "ul", "ba", "de", "fi", "go", "hu"};
    QString w;
    do {
        w += QLatin1String(kSyllables[i % 20]);
        i /= 20;
    } while (i > 0);
    return w;
}

QString text(QRandomGenerator& random, int words)
{
    QString t;
    for (int n = 0; n < words; ++n) {
        // log-uniform rank: frequency falls off like 1/rank
        const int rank = int(std::pow(double(kVocabulary), random.generateDouble())) - 1;
        t += word(rank);
        t += QLatin1Char(n % 12 == 11 ? '.' : ' ');
    }
    return t;
}

void fill(ConversationStore& store)
{
    QRandomGenerator random(42);
    const qint64 start = 1'600'000'000'000;
    QElapsedTimer timer;
    timer.start();
    for (int batch = 0; batch < kConversations / 100; ++batch) {
        QList<QPair<Conversation, QList<Message>>> conversations;
        for (int c = 0; c < 100; ++c) {
            const int index = batch * 100 + c;
            Conversation conversation;
            conversation.title = text(random, 5);
            conversation.createdAt = start + qint64(index) * 3'600'000;
            conversation.updatedAt = conversation.createdAt + 600'000;
            conversation.activeLeafId = kMessagesEach;
            QList<Message> messages;
            for (int m = 1; m <= kMessagesEach; ++m) {
                Message message;
                message.id = m;
                message.parentId = m - 1;
                message.role = m % 2 ? Role::User : Role::Assistant;
                message.content = text(random, m % 2 ? 20 : 80);
                message.createdAt = conversation.createdAt + m * 10'000;
                messages.append(message);
            }
            conversations.append({conversation, messages});
        }
        store.importConversations(conversations);
    }
    QTextStream(stdout) << "filled in " << timer.elapsed() / 1000.0 << " s\n";
}

double medianMs(int repeats, const std::function<void(int)>& run)
{
    QList<double> times;
    for (int i = 0; i < repeats; ++i) {
        QElapsedTimer timer;
        timer.start();
        run(i);
        times.append(timer.nsecsElapsed() / 1e6);
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QTemporaryDir temporary;
    const QString dir = argc > 1 ? QString::fromLocal8Bit(argv[1]) : temporary.path();
    QTextStream out(stdout);
    try {
        Database db(dir + QStringLiteral("/conversations.db"));
        QElapsedTimer opening;
        opening.start();
        db.open(); // includes any migration of a database filled by an older build
        out << "opened in " << opening.elapsed() << " ms\n";
        ConversationStore store(db);
        if (store.count() != kConversations) {
            if (store.count() != 0)
                throw hearth::Error("the folder holds another database; use an empty one");
            fill(store);
        }
        out << "database: " << db.filePath() << ", " << QFileInfo(db.filePath()).size() / (1024 * 1024)
            << " MiB, " << store.count() << " conversations\n";

        constexpr int kRepeats = 25;
        out << QStringLiteral("list, first page of 50:      %1 ms\n")
                   .arg(medianMs(kRepeats, [&](int) { store.list(0, 50); }), 0, 'f', 2);
        const QList<Conversation> page = store.list(0, 50);
        out << QStringLiteral("open one (row + 50 messages): %1 ms\n")
                   .arg(medianMs(kRepeats,
                                 [&](int i) {
                                     const qint64 id = 1 + (i * 397) % kConversations;
                                     store.conversation(id);
                                     store.activePath(id);
                                 }),
                        0, 'f', 2);
        Q_UNUSED(page);
        const QList<QPair<const char*, QString>> searches = {
            {"rare word", word(15000)},        {"mid-frequency word", word(300)},
            {"most common word", word(0)},
            {"common 4-letter word", word(20)},     {"two words", word(50) + QLatin1Char(' ') + word(700)},
            {"short prefix", word(3).left(2)},
        };
        for (const auto& [what, query] : searches) {
            int hits = 0;
            const double ms = medianMs(kRepeats, [&](int) { hits = int(store.search(query, 50).size()); });
            out << QStringLiteral("search, %1 \"%2\" (%3 hits shown): %4 ms\n")
                       .arg(QLatin1String(what), query)
                       .arg(hits)
                       .arg(ms, 0, 'f', 2);
        }
    } catch (const hearth::Error& e) {
        out << "bench_conversationstore: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
