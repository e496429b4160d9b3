# Kanaria's Python bootstrap: imports the handler named by _HANDLER from LAMBDA_TASK_ROOT, then
# answers invoke frames read from fd 3 with frames written to fd 4, as src/runtime/protocol.ts
# declares. print() and the logging module become log frames; errors are shaped like AWS's
# runtime ({"errorMessage", "errorType", "requestId", "stackTrace"}). Exits when fd 3 closes.
import importlib
import json
import logging
import os
import sys
import threading
import time
import traceback

MAX_LINE = 256 * 1024
_lock = threading.Lock()
_current = None  # the request id being served


def send(frame):
    write((json.dumps(frame) + "\n").encode("ascii"))


def write(data):
    with _lock:
        view = memoryview(data)
        while view:
            view = view[os.write(4, view):]


def log(line):
    send({"t": "log", "id": _current or "", "line": line[:MAX_LINE]})


class _Output:
    """Stands in for sys.stdout / sys.stderr: one log frame per line."""

    encoding = "utf-8"
    errors = "strict"

    def __init__(self, fd):
        self._fd = fd
        self._buf = ""

    def write(self, s):
        if not isinstance(s, str):
            raise TypeError("write() argument must be str, not %s" % type(s).__name__)
        self._buf += s
        if "\n" in self._buf:
            *lines, self._buf = self._buf.split("\n")
            for line in lines:
                log(line)
        if len(self._buf) > MAX_LINE:
            self.end()
        return len(s)

    def end(self):
        if self._buf:
            buf, self._buf = self._buf, ""
            log(buf)

    def flush(self):
        pass

    def isatty(self):
        return False

    def writable(self):
        return True

    def fileno(self):
        return self._fd


class _LambdaLogHandler(logging.Handler):
    def emit(self, record):
        try:
            msg = self.format(record)
            ts = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created)) + ".%03dZ" % record.msecs
            log("[%s]\t%s\t%s\t%s" % (record.levelname, ts, _current or "", msg))
        except Exception:
            self.handleError(record)


class LambdaContext:
    def __init__(self, frame):
        env = os.environ
        self.aws_request_id = frame["id"]
        self.invoked_function_arn = frame["arn"]
        self.function_name = env.get("AWS_LAMBDA_FUNCTION_NAME")
        self.function_version = env.get("AWS_LAMBDA_FUNCTION_VERSION")
        self.memory_limit_in_mb = env.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
        self.log_group_name = env.get("AWS_LAMBDA_LOG_GROUP_NAME")
        self.log_stream_name = env.get("AWS_LAMBDA_LOG_STREAM_NAME")
        self.identity = None
        self.client_context = None
        self.tenant_id = None
        if frame.get("clientContext"):
            try:
                import base64

                self.client_context = json.loads(base64.b64decode(frame["clientContext"]))
            except Exception:
                self.client_context = None
        self._deadline = frame["deadline"]

    def get_remaining_time_in_millis(self):
        return int(max(self._deadline - time.time() * 1000, 0))


def error_doc(error_type, message, request_id, stack):
    return {"errorMessage": message, "errorType": error_type, "requestId": request_id, "stackTrace": stack}


def report_error(frame_type, request_id, error_type, message, stack):
    log("[ERROR] %s: %s\nTraceback (most recent call last):\n%s" % (error_type, message, "".join(stack)))
    frame = {"t": frame_type, "errorType": error_type, "payload": json.dumps(error_doc(error_type, message, request_id, stack))}
    if frame_type == "error":
        frame["id"] = request_id
    send(frame)


def load_handler():
    spec = os.environ.get("_HANDLER", "")
    if "." not in spec:
        raise InitError("Runtime.MalformedHandlerName", "Bad handler '%s': not enough values to unpack (expected 2, got 1)" % spec)
    module_name, function_name = spec.rsplit(".", 1)
    module_name = module_name.replace("/", ".")
    try:
        module = importlib.import_module(module_name)
    except ImportError as e:
        raise InitError("Runtime.ImportModuleError", "Unable to import module '%s': %s" % (module_name, e))
    except SyntaxError as e:
        raise InitError("Runtime.UserCodeSyntaxError", "Syntax error in module '%s': %s" % (module_name, e))
    except Exception as e:
        raise InitError(type(e).__name__, str(e), traceback.format_list(traceback.extract_tb(e.__traceback__)[1:]))
    handler = getattr(module, function_name, None)
    if handler is None:
        raise InitError("Runtime.HandlerNotFound", "Handler '%s' missing on module '%s'" % (function_name, module_name))
    return handler


class InitError(Exception):
    def __init__(self, error_type, message, stack=None):
        super().__init__(message)
        self.error_type = error_type
        self.message = message
        self.stack = stack or []


def invoke(handler, frame, out, err):
    global _current
    _current = frame["id"]
    try:
        result = handler(frame["event"], LambdaContext(frame))
        try:
            payload = json.dumps(result, ensure_ascii=False)
        except Exception as e:
            out.end()
            err.end()
            report_error("error", _current, "Runtime.MarshalError", "Unable to marshal response: %s" % e, [])
            return
        out.end()
        err.end()
        # The raw form (protocol.ts): json.dumps escapes every control character, line breaks too;
        # a lone surrogate (UTF-8 cannot carry it) becomes the same escape the JSON form used.
        write(("R%s\t%s\n" % (_current, payload)).encode("utf-8", "backslashreplace"))
    except Exception as e:
        out.end()
        err.end()
        stack = traceback.format_list(traceback.extract_tb(e.__traceback__)[1:])
        report_error("error", _current, type(e).__name__, str(e), stack)
    finally:
        _current = None


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    if sys.path and os.path.abspath(sys.path[0] or ".") == here:
        sys.path.pop(0)
    sys.path.insert(0, os.environ["LAMBDA_TASK_ROOT"])
    try:
        import resource

        # A safety net far above MemorySize; Kanaria kills at MemorySize by watching RSS.
        memory = int(os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128")) * 1024 * 1024
        limit = max(memory * 4, memory + 2048 * 1024 * 1024)
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):
        pass
    out, err = _Output(1), _Output(2)
    sys.stdout, sys.stderr = out, err
    root = logging.getLogger()
    root.addHandler(_LambdaLogHandler())
    frames = os.fdopen(3, "rb")
    try:
        handler = load_handler()
    except InitError as e:
        out.end()
        err.end()
        report_error("init_error", "", e.error_type, e.message, e.stack)
        frames.read()  # wait for Kanaria to stop this process
        os._exit(0)
    out.end()
    err.end()
    send({"t": "ready"})
    for line in frames:
        frame = json.loads(line)
        if frame.get("t") == "invoke":
            invoke(handler, frame, out, err)
    os._exit(0)


if __name__ == "__main__":
    main()
