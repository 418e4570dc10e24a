"""A to-do list web app on Flask (Debian's python3-flask)."""
import os

from flask import Flask, jsonify, render_template, request

from todo_store import TodoStore

app = Flask(__name__)
store = TodoStore()


@app.get("/healthz")
def health():
    return jsonify(status="ok")


@app.get("/")
def index():
    return render_template("index.html", todos=store.all())


@app.get("/api/todos")
def list_todos():
    return jsonify(store.all())


@app.post("/api/todos")
def add_todo():
    data = request.get_json(silent=True) or {}
    title = str(data.get("title", "")).strip()
    if not title:
        return jsonify(error="title is required"), 400
    return jsonify(store.add(title)), 201


@app.post("/api/todos/<int:todo_id>/done")
def finish_todo(todo_id):
    todo = store.finish(todo_id)
    if todo is None:
        return jsonify(error="no such todo"), 404
    return jsonify(todo)


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=int(os.environ.get("PORT", "5000")))
