{{- define "shellbus.name" -}}{{ .Release.Name }}-shellbus-worker{{- end -}}
{{- define "shellbus.labels" -}}
app.kubernetes.io/name: shellbus-worker
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end -}}
{{- define "shellbus.selector" -}}
app.kubernetes.io/name: shellbus-worker
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}
