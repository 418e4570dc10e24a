package com.example.notes;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;

/** A small notes service on the JDK's built-in HTTP server. */
public final class App {
    private App() {}

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8083"));
        NoteStore store = new NoteStore();
        HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
        server.createContext("/healthz", new NotesHandler.Health());
        server.createContext("/notes", new NotesHandler(store));
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        System.out.println("java-notes listening on :" + port);
    }
}
