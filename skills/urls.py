from django.urls import path

from . import views

app_name = "skills"

urlpatterns = [
    path("mine/", views.my_skills, name="mine"),
    path("mine/<int:skill_id>/remove/", views.my_skill_remove, name="mine_remove"),
]
