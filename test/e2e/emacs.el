;;; emacs.el --- Emacs with eglot as a Dockerfile Stages client, headless.
;; Opens a Dockerfile with dist/server.js over stdio, waits for the misspelled-stage diagnostic, asks for stage
;; completion after `--from=`, and renames a stage. Prints PASS or FAIL and exits 0 or 1.
;; usage: emacs --batch -q -l emacs.el REPO_ROOT WORK_DIR (-q, not -Q: the site files make Debian's elpa-eglot loadable)
(require 'package)
(package-initialize)
(require 'eglot)
(require 'flymake)

(defvar stages-root (expand-file-name (nth 0 command-line-args-left)))
(defvar stages-work (expand-file-name (nth 1 command-line-args-left)))
(setq command-line-args-left nil)

;; Emacs 28 has no Dockerfile mode: eglot names the language after the mode, so this one says `dockerfile'.
(define-derived-mode dockerfile-mode prog-mode "Dockerfile")
(add-to-list 'eglot-server-programs
             `(dockerfile-mode . ("node" ,(expand-file-name "dist/server.js" stages-root) "--stdio")))

(defun stages-fail (format &rest args)
  (princ (format "emacs eglot: FAIL %s\n" (apply #'format format args)))
  (kill-emacs 1))

(defun stages-wait (what predicate)
  "Waits up to 20 s for PREDICATE to return non-nil, then returns it."
  (let ((deadline (+ (float-time) 20)) value)
    (while (and (not (setq value (funcall predicate))) (< (float-time) deadline))
      (accept-process-output nil 0.1))
    (or value (stages-fail "timed out waiting for %s" what))))

(let ((file (expand-file-name "Dockerfile" stages-work)))
  (with-temp-file file (insert "FROM golang AS build\nFROM alpine\nCOPY --from=buidl /a /a\n"))
  (find-file file)
  (dockerfile-mode)
  ;; eglot-ensure waits for the command loop, which batch mode never runs: connect at once.
  (apply #'eglot (eglot--guess-contact))
  (stages-wait "the server" #'eglot-current-server)
  (let ((diagnostic (stages-wait "the UndefinedStage diagnostic"
                                 (lambda () (seq-find (lambda (d) (string-match-p "did you mean 'build'" (flymake-diagnostic-text d)))
                                                      (flymake-diagnostics))))))
    (princ (format "emacs eglot: diagnostic %S\n" (flymake-diagnostic-text diagnostic))))
  (goto-char (point-min))
  (search-forward "--from=")
  (let* ((capf (eglot-completion-at-point))
         (labels (and capf (all-completions "" (nth 2 capf)))))
    (unless (member "build" labels) (stages-fail "completion after --from= offered %S" labels))
    (princ (format "emacs eglot: completion %S\n" (mapcar #'substring-no-properties labels))))
  (goto-char (point-min))
  (search-forward "AS bu")
  (eglot-rename "compile")
  (let ((text (buffer-substring-no-properties (point-min) (point-max))))
    (unless (string-prefix-p "FROM golang AS compile\n" text) (stages-fail "rename left %S" text)))
  (princ "emacs eglot: PASS diagnostic, completion and rename\n")
  (kill-emacs 0))
