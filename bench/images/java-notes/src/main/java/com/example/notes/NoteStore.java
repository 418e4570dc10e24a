package com.example.notes;

import java.util.ArrayList;
import java.util.List;

/** In-memory, thread-safe list of notes. */
public final class NoteStore {
    private final List<String> notes = new ArrayList<>();

    public synchronized int add(String text) {
        notes.add(text);
        return notes.size();
    }

    public synchronized List<String> all() {
        return new ArrayList<>(notes);
    }
}
