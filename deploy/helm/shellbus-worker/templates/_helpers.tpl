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
{{- define "shellbus.reaperLabels" -}}
app.kubernetes.io/name: shellbus-reaper
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/component: reaper
{{- end -}}
{{- define "shellbus.reaperSelector" -}}
app.kubernetes.io/name: shellbus-reaper
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}
{{- define "shellbus.reaperPort" -}}{{ index (.Values.config.reaper | default dict) "management-port" | default 8081 }}{{- end -}}
