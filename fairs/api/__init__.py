"""The fairs API, split into serializers and views (routes in ``urls``)."""
