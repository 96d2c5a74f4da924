package dev.shellbus.cli;

import dev.shellbus.events.v1.LifecycleEvent;
import dev.shellbus.events.v1.SandboxResult;
import java.io.PrintWriter;
import java.time.ZoneId;

/**
 * How a command prints requests, lifecycle events and results: {@code text} for people, {@code json} for scripts
 * (one JSON object per line: {@code {"request_id":...}} when published, then {@code {"lifecycle":{...}}} and
 * {@code {"result":{...}}}, with the Avro schemas' field names and bytes whole).
 */
enum OutputFormat {
  text,
  json;

  /** Returns a watch sink that prints in this format to {@code out}. */
  RequestWatch.Sink sink(PrintWriter out) {
    if (this == text) {
      ResultPrinter printer = new ResultPrinter(out, ZoneId.systemDefault());
      return new RequestWatch.Sink() {
        @Override
        public void lifecycle(LifecycleEvent event) {
          printer.lifecycle(event);
        }

        @Override
        public void result(SandboxResult result) {
          printer.result(result);
        }
      };
    }
    return new RequestWatch.Sink() {
      @Override
      public void lifecycle(LifecycleEvent event) {
        out.println("{\"lifecycle\":" + RecordJson.toScriptJson(event) + "}");
        out.flush();
      }

      @Override
      public void result(SandboxResult result) {
        out.println("{\"result\":" + RecordJson.toScriptJson(result) + "}");
        out.flush();
      }
    };
  }

  /** Prints the id of a request just published: the bare id, or {@code {"request_id": ...}}. */
  void published(PrintWriter out, String requestId, String key) {
    out.println(this == text ? requestId
        : "{\"request_id\":" + RecordJson.toJson(requestId) + ",\"key\":" + RecordJson.toJson(key) + "}");
    out.flush();
  }
}
