#pragma once
// The Ollama-compatible endpoints under /api (tags, ps, version, show, chat, generate), in
// Ollama's shapes: answers stream as newline-delimited JSON objects unless "stream": false,
// the last one carrying "done": true and the counts and durations Ollama reports.
#include "apierror.h"

class ApiExchange;
class ServedModels;

class OllamaApi {
  public:
    explicit OllamaApi(ServedModels& models) : m_models(models) {}

    // Answers a request whose path starts with /api/ (an unknown one with 404).
    void handle(ApiExchange* exchange);
    // The error in Ollama's shape: {"error": "message"}.
    static void sendError(ApiExchange* exchange, const ApiError& error);

  private:
    void tags(ApiExchange* exchange, bool loadedOnly);
    void show(ApiExchange* exchange);
    void generate(ApiExchange* exchange, bool chat);

    ServedModels& m_models;
};
