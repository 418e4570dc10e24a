package com.example.notes;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** GET /notes lists the notes, POST /notes adds the request body as a note. */
final class NotesHandler implements HttpHandler {
    private final NoteStore store;

    NotesHandler(NoteStore store) {
        this.store = store;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        switch (ex.getRequestMethod()) {
            case "GET":
                send(ex, 200, "{\"notes\":" + Json.array(store.all()) + "}");
                break;
            case "POST":
                String text = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).trim();
                if (text.isEmpty()) {
                    send(ex, 400, "{\"error\":\"empty note\"}");
                } else {
                    send(ex, 201, "{\"id\":" + store.add(text) + "}");
                }
                break;
            default:
                send(ex, 405, "{\"error\":\"method not allowed\"}");
        }
    }

    static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = (body + "\n").getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(bytes);
        }
    }

    static final class Health implements HttpHandler {
        @Override
        public void handle(HttpExchange ex) throws IOException {
            send(ex, 200, "{\"status\":\"ok\"}");
        }
    }
}
