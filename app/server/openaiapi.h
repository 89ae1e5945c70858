#pragma once
// The OpenAI-compatible endpoints under /v1 (models, one model, chat completions, completions), in
// OpenAI's request and response shapes: the openai SDKs and tools written for them work with
// only the base URL changed. Streaming answers are server-sent events in OpenAI's chunk format,
// ending with "data: [DONE]".
#include "apierror.h"

class ApiExchange;
class ServedModels;

class OpenAiApi {
  public:
    explicit OpenAiApi(ServedModels& models) : m_models(models) {}

    // Answers a request whose path starts with /v1/ (an unknown one with 404).
    void handle(ApiExchange* exchange);
    // The error in OpenAI's shape: {"error": {"message", "type", "param", "code"}}.
    static void sendError(ApiExchange* exchange, const ApiError& error);

  private:
    void listModels(ApiExchange* exchange);
    void showModel(ApiExchange* exchange, const QString& id);
    void complete(ApiExchange* exchange, bool chat);

    ServedModels& m_models;
};
