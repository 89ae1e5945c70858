#pragma once
// A request the API cannot serve, with the HTTP status to answer with. The OpenAI and Ollama
// handlers each turn it into their own error body; request checks throw it.
#include <QString>

struct ApiError {
    int status = 400;
    QString message;
    QString param;             // the request field at fault, when there is one
    QString code;              // a machine-readable reason ("model_not_found", ...), when there is one
    int retryAfterSeconds = 0; // 429 and 503: sent as Retry-After
};
