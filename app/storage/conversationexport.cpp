#include "conversationexport.h"

#include "hearth/error.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

const QString kFormatName = QStringLiteral("hearth-conversations");

QString tr(const char* text)
{
    return QCoreApplication::translate("Storage", text);
}

QString isoTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate);
}

QString roleHeading(Role role)
{
    switch (role) {
    case Role::System:
        return tr("System");
    case Role::User:
        return tr("You");
    case Role::Assistant:
        return tr("Assistant");
    }
    return {};
}

QJsonObject conversationToJson(const Conversation& c, const QList<Message>& messages)
{
    QHash<qint64, qint64> numbers; // database id -> 1-based number in the file
    QJsonArray jsonMessages;
    for (const Message& m : messages) {
        const qint64 number = numbers.size() + 1;
        numbers.insert(m.id, number);
        QJsonObject message = ConversationExport::messageJson(m);
        message.insert(QStringLiteral("id"), number);
        message.insert(QStringLiteral("parent"),
                       m.parentId ? QJsonValue(numbers.value(m.parentId)) : QJsonValue());
        jsonMessages.append(message);
    }
    return QJsonObject{
        {QStringLiteral("title"), c.title},
        {QStringLiteral("titleSource"), titleSourceName(c.titleSource)},
        {QStringLiteral("createdAt"), c.createdAt},
        {QStringLiteral("updatedAt"), c.updatedAt},
        {QStringLiteral("modelFile"), c.modelFile},
        {QStringLiteral("modelName"), c.modelName},
        {QStringLiteral("systemPrompt"), c.systemPrompt},
        {QStringLiteral("settings"), c.settings},
        {QStringLiteral("pinned"), c.pinned},
        {QStringLiteral("archived"), c.archived},
        {QStringLiteral("activeLeaf"),
         c.activeLeafId ? QJsonValue(numbers.value(c.activeLeafId)) : QJsonValue()},
        {QStringLiteral("messages"), jsonMessages},
    };
}

// Reads the fields of an untrusted file, naming the exact place of anything wrong.
class Reader {
  public:
    explicit Reader(QString where) : m_where(std::move(where)) {}

    [[noreturn]] void fail(const QString& problem) const
    {
        throw hearth::Error(tr("not a valid Hearth export: %1 %2").arg(m_where, problem).toStdString());
    }
    QJsonValue field(const QJsonObject& object, const char* name, QJsonValue::Type type,
                     bool nullable = false) const
    {
        const QJsonValue value = object.value(QLatin1String(name));
        if (nullable && (value.isNull() || value.isUndefined()))
            return QJsonValue();
        if (value.type() != type)
            fail(tr("has no valid \"%1\"").arg(QLatin1String(name)));
        return value;
    }
    QString string(const QJsonObject& o, const char* name) const
    {
        return field(o, name, QJsonValue::String).toString();
    }
    qint64 integer(const QJsonObject& o, const char* name, bool nullable = false) const
    {
        const QJsonValue v = field(o, name, QJsonValue::Double, nullable);
        if (v.isNull())
            return 0;
        const double d = v.toDouble();
        // The range first: converting a double outside qint64's range is undefined behaviour.
        if (!(d >= 0 && d <= 9.0e15) || d != double(qint64(d)))
            fail(tr("has a \"%1\" that is not a whole number").arg(QLatin1String(name)));
        return qint64(d);
    }

  private:
    QString m_where;
};

QPair<Conversation, QList<Message>> conversationFromJson(const QJsonObject& o, qsizetype index)
{
    const Reader r(tr("conversation %1").arg(index + 1));
    Conversation c;
    c.title = r.string(o, "title");
    if (!titleSourceFromName(r.string(o, "titleSource"), &c.titleSource))
        r.fail(tr("has an unknown \"titleSource\""));
    c.createdAt = r.integer(o, "createdAt");
    c.updatedAt = r.integer(o, "updatedAt");
    c.modelFile = r.string(o, "modelFile");
    c.modelName = r.string(o, "modelName");
    c.systemPrompt = r.string(o, "systemPrompt");
    c.settings = r.field(o, "settings", QJsonValue::Object).toObject();
    c.pinned = r.field(o, "pinned", QJsonValue::Bool).toBool();
    c.archived = r.field(o, "archived", QJsonValue::Bool).toBool();
    c.activeLeafId = r.integer(o, "activeLeaf", true);
    QList<Message> messages;
    const QJsonArray array = r.field(o, "messages", QJsonValue::Array).toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const Reader mr(tr("conversation %1, message %2").arg(index + 1).arg(i + 1));
        if (!array[i].isObject())
            mr.fail(tr("is not an object"));
        const QJsonObject mo = array[i].toObject();
        Message m;
        m.id = mr.integer(mo, "id");
        m.parentId = mr.integer(mo, "parent", true);
        if (m.id == 0 || m.parentId >= m.id)
            mr.fail(tr("must come after its parent, with an id above 0"));
        if (!roleFromName(mr.string(mo, "role"), &m.role))
            mr.fail(tr("has an unknown \"role\""));
        m.content = mr.string(mo, "content");
        m.reasoning = mr.string(mo, "reasoning");
        m.createdAt = mr.integer(mo, "createdAt");
        m.model = mr.string(mo, "model");
        m.promptTokens = int(qMin<qint64>(mr.integer(mo, "promptTokens"), INT_MAX));
        m.generatedTokens = int(qMin<qint64>(mr.integer(mo, "generatedTokens"), INT_MAX));
        m.tokensPerSecond = mr.field(mo, "tokensPerSecond", QJsonValue::Double).toDouble();
        m.finishReason = mr.string(mo, "finishReason");
        messages.append(m);
    }
    return {c, messages};
}

} // namespace

QJsonObject ConversationExport::messageJson(const Message& m)
{
    return {
        {QStringLiteral("role"), roleName(m.role)},
        {QStringLiteral("content"), m.content},
        {QStringLiteral("reasoning"), m.reasoning},
        {QStringLiteral("createdAt"), m.createdAt},
        {QStringLiteral("model"), m.model},
        {QStringLiteral("promptTokens"), m.promptTokens},
        {QStringLiteral("generatedTokens"), m.generatedTokens},
        {QStringLiteral("tokensPerSecond"), m.tokensPerSecond},
        {QStringLiteral("finishReason"), m.finishReason},
    };
}

QString ConversationExport::toMarkdown(ConversationStore& store, const QList<qint64>& ids)
{
    QStringList parts;
    for (qint64 id : ids) {
        const Conversation c = store.conversation(id);
        QString md;
        md += QStringLiteral("# %1\n\n").arg(c.title.isEmpty() ? tr("Untitled conversation") : c.title);
        md += tr("- Started: %1\n").arg(isoTime(c.createdAt));
        if (!c.modelName.isEmpty() || !c.modelFile.isEmpty())
            md += tr("- Model: %1\n").arg(c.modelName.isEmpty() ? c.modelFile : c.modelName);
        md += QLatin1Char('\n');
        if (!c.systemPrompt.isEmpty())
            md += QStringLiteral("## %1\n\n%2\n\n").arg(roleHeading(Role::System), c.systemPrompt);
        for (const Message& m : store.activePath(id)) {
            md += QStringLiteral("## %1\n\n").arg(roleHeading(m.role));
            if (!m.reasoning.isEmpty())
                md += QStringLiteral("<details><summary>%1</summary>\n\n%2\n\n</details>\n\n")
                          .arg(tr("Reasoning"), m.reasoning);
            md += m.content + QStringLiteral("\n\n");
        }
        parts.append(md.trimmed() + QLatin1Char('\n'));
    }
    return parts.join(QStringLiteral("\n---\n\n"));
}

QByteArray ConversationExport::toJson(ConversationStore& store, const QList<qint64>& ids)
{
    QJsonArray conversations;
    for (qint64 id : ids)
        conversations.append(conversationToJson(store.conversation(id), store.allMessages(id)));
    const QJsonObject root{
        {QStringLiteral("format"), kFormatName},
        {QStringLiteral("version"), kFormatVersion},
        {QStringLiteral("conversations"), conversations},
    };
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

QList<qint64> ConversationExport::importJson(ConversationStore& store, const QByteArray& json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        throw hearth::Error(tr("not a valid Hearth export: %1 at byte %2")
                                .arg(error.errorString())
                                .arg(error.offset)
                                .toStdString());
    const QJsonObject root = document.object();
    const Reader r(tr("the file"));
    if (!document.isObject() || root.value(QStringLiteral("format")).toString() != kFormatName)
        r.fail(tr("lacks \"format\": \"%1\"").arg(kFormatName));
    const qint64 version = r.integer(root, "version");
    if (version > kFormatVersion)
        throw hearth::Error(
            tr("this export was written by a newer version of Hearth (format %1; this version "
               "reads up to %2); update Hearth to import it")
                .arg(version)
                .arg(kFormatVersion)
                .toStdString());
    QList<QPair<Conversation, QList<Message>>> conversations;
    const QJsonArray array = r.field(root, "conversations", QJsonValue::Array).toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (!array[i].isObject())
            Reader(tr("conversation %1").arg(i + 1)).fail(tr("is not an object"));
        conversations.append(conversationFromJson(array[i].toObject(), i));
    }
    return store.importConversations(conversations);
}
