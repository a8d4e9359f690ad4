// Drives the official Camunda 7 JavaScript external task client against ApprovalFlow's /engine-rest, for
// ExternalTaskClientTests. Usage: node worker.mjs <scenario> <baseUrl> <topic> <user> <password>
// Prints one JSON line per event ({"event": ...}) and exits 0 once its scenario is done.
import readline from "node:readline";
import { Client, BasicAuthInterceptor, Variables } from "camunda-external-task-client-js";

const [scenario, baseUrl, topic, username, password] = process.argv.slice(2);
const interceptors = new BasicAuthInterceptor({ username, password });
const say = (event, data = {}) => console.log(JSON.stringify({ event, ...data }));
const silent = { interval: 100 };

function client(workerId, options = {}) {
  const c = new Client({ baseUrl, workerId, interceptors, ...silent, ...options });
  c.on("poll:error", (e) => say("poll-error", { message: String(e?.message ?? e) }));
  c.on("complete:error", (_t, e) => say("error", { message: String(e?.message ?? e) }));
  c.on("handleFailure:error", (_t, e) => say("error", { message: String(e?.message ?? e) }));
  c.on("handleBpmnError:error", (_t, e) => say("error", { message: String(e?.message ?? e) }));
  return c;
}

const done = (c, event, data) => {
  c.stop();
  say(event, data);
  process.exit(0);
};

if (scenario === "complete") {
  const c = client("js-worker", { asyncResponseTimeout: 5000 });
  c.subscribe(topic, { lockDuration: 60000 }, async ({ task, taskService }) => {
    const amount = task.variables.get("amount");
    const vars = new Variables().setAll({ doubled: amount * 2, note: "from the js client", approved: true });
    vars.setTyped("details", { type: "json", value: { items: [1, 2], by: "js" }, valueInfo: {} });
    vars.set("when", new Date(Date.UTC(2026, 11, 1, 10, 0, 0)));
    await taskService.complete(task, vars);
    done(c, "completed", { id: task.id, amount, businessKey: task.businessKey });
  });
} else if (scenario === "bpmnError") {
  const c = client("js-worker");
  c.subscribe(topic, async ({ task, taskService }) => {
    await taskService.handleBpmnError(task, "REJECTED", "the registry refused", new Variables().set("reason", "registry refused"));
    done(c, "bpmnError", { id: task.id });
  });
} else if (scenario === "failure") {
  const c = client("js-worker");
  c.subscribe(topic, async ({ task, taskService }) => {
    await taskService.handleFailure(task, { errorMessage: "registry down", errorDetails: "stack trace here", retries: 0, retryTimeout: 0 });
    done(c, "failed", { id: task.id });
  });
} else if (scenario === "expire") {
  // Worker A locks the task and never reports; after the test moves the service's clock past the lock, worker B gets it.
  const a = client("js-worker-a");
  a.subscribe(topic, { lockDuration: 60000 }, async ({ task }) => {
    a.stop();
    say("locked", { id: task.id, worker: "js-worker-a" });
    const lines = readline.createInterface({ input: process.stdin });
    await new Promise((resolve) => lines.once("line", resolve));
    lines.close();
    const b = client("js-worker-b");
    b.subscribe(topic, { lockDuration: 60000 }, async ({ task: again, taskService }) => {
      await taskService.complete(again, new Variables().set("completedBy", "js-worker-b"));
      done(b, "completed", { id: again.id, worker: "js-worker-b" });
    });
  });
} else {
  say("error", { message: `unknown scenario ${scenario}` });
  process.exit(2);
}
